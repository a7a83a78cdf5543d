// ApiError: the one error type of the API, carrying Sinch's machine code, human text and HTTP status.
export const ERROR_STATUS = {
  syntax_invalid_json: 400,
  syntax_invalid_parameter_format: 400,
  syntax_constraint_violation: 400,
  unauthorized: 401,
  unknown_group: 403,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_too_large: 413,
  uri_too_long: 414,
  conflict_send_at: 409,
  conflict: 409,
  unsupported_media_type: 415,
  too_many_requests: 429,
  request_header_fields_too_large: 431,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export interface ErrorBody {
  code: ErrorCode;
  text: string;
}

export class ApiError extends Error {
  readonly status: ErrorStatus;

  constructor(
    readonly code: ErrorCode,
    readonly text: string,
  ) {
    super(text);
    this.name = "ApiError";
    this.status = ERROR_STATUS[code];
  }

  toBody(): ErrorBody {
    return { code: this.code, text: this.text };
  }
}

export const notFound = (what: string, id: string) => new ApiError("not_found", `${what} ${id} not found`);

export const internalError = () => new ApiError("internal_error", "Internal server error");
