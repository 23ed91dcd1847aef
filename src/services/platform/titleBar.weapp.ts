/** The mini-program: WeChat draws the title bar with its back button. */
export function setUpTitleBar(): void {}
