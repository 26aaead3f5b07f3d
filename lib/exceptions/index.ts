export { compileException, entryCondition, ExceptionSet, type CompiledException } from "./compile-exceptions";
export { EXCEPTION_OPERATORS, SUGGESTED_FIELDS, ZExceptionEntry, ZExceptionItem, type ExceptionOperator, type TExceptionEntry, type TExceptionItem } from "./exception-item";
