// An app bundling `parley-chat/element` (Preact resolved as the app's own peer dependency). Tests write the
// <parley-chat> markup in their own pages and load this as /pages/assets/element.js.
import 'parley-chat/element';
