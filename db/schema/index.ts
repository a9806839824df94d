export * from "./org";
export * from "./checklist";
export * from "./account";
export * from "./meetings";
export * from "./engagement";
export * from "./system";
export * from "./mail";
export * from "./messages";
