// Puts "(2) New message" in front of the page title while the tab is hidden, and puts the title back.
// When to show it (an agent wrote while the tab was hidden) is decided by mount-widget.

export interface TitleFlash {
  show(prefix: string): void;
  restore(): void;
}

export function createTitleFlash(doc: Document): TitleFlash {
  let saved: string | undefined;
  let shown: string | undefined;
  return {
    show(prefix) {
      // If the page changed its own title meanwhile, that is the one to come back to.
      if (saved === undefined || doc.title !== shown) saved = doc.title;
      shown = saved ? `${prefix} · ${saved}` : prefix;
      doc.title = shown;
    },
    restore() {
      if (saved !== undefined && doc.title === shown) doc.title = saved;
      saved = shown = undefined;
    },
  };
}
