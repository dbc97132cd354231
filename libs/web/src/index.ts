export { api, ApiError, storedToken, storeToken, TOKEN_KEY } from './api';
export { SignInGate, type Principal } from './sign-in';
export { appBase, Link, navigate, pathSegments, useLocationPath } from './history';
