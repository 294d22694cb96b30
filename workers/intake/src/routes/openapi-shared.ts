export { ErrorBody } from "../../../../shared/http/error-body.schema";
