/** H5 draws NutUI's `<i>` icons as they are. */
export function setUpIcons(): void {}
