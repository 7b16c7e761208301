// The account pages live one per file under ./account; SignInPage still imports the SSO form from here.
export { SsoSignInForm } from './account/SsoSignInForm';
