// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createTitleFlash } from './title-flash';

describe('createTitleFlash', () => {
  beforeEach(() => {
    document.title = 'Acme';
  });

  it('prefixes the page title and restores it', () => {
    const flash = createTitleFlash(document);
    flash.show('(1) New message');
    expect(document.title).toBe('(1) New message · Acme');
    flash.show('(2) New message');
    expect(document.title).toBe('(2) New message · Acme');
    flash.restore();
    expect(document.title).toBe('Acme');
  });

  it('leaves a title the page set meanwhile alone', () => {
    const flash = createTitleFlash(document);
    flash.show('(1) New message');
    document.title = 'Checkout';
    flash.restore();
    expect(document.title).toBe('Checkout');
  });

  it('does nothing on restore when nothing was shown', () => {
    createTitleFlash(document).restore();
    expect(document.title).toBe('Acme');
  });
});
