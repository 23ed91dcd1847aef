/** WeChat opens the first page of app.json; 首页 sends a signed-out user on (all of it is in the main package). */
export function startSignedOutOnLogin(_signedIn: boolean, _loginPage: string): void {}
