export { auth } from "./auth";
export { createUser, type NewUser } from "./create-user";
export { asRole, hasRole, ROLES, type Role } from "./roles";
export { sessionUser, type SessionUser } from "./session-user";
