// Arrow-key movement through a list of buttons: one tab stop per list (the selected item, else the
// first), arrows, Home and End move the focus, Enter and Space press the button as usual.

/** A keydown handler for a list whose items carry `data-list-item`: give the current one tabIndex 0, the rest -1. */
export function moveFocusInList(event: KeyboardEvent): void {
  const list = event.currentTarget as HTMLElement;
  const items = [...list.querySelectorAll<HTMLElement>('[data-list-item]')];
  const current = items.indexOf(document.activeElement as HTMLElement);
  if (current < 0) return;
  const next =
    event.key === 'ArrowDown'
      ? Math.min(current + 1, items.length - 1)
      : event.key === 'ArrowUp'
        ? Math.max(current - 1, 0)
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? items.length - 1
            : undefined;
  if (next === undefined) return;
  event.preventDefault();
  items[next].focus();
}
