// The outbox can be imported from anywhere (it touches browser APIs only when called): prefer
// `~/offline/outbox`. This name stays for code written against the first draft of the contract.
export * from "./outbox";
