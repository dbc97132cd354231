/** The one error shape every endpoint returns. */
export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  /** Every field that failed, when validation found more than one. */
  errors?: Array<{ field: string; message: string }>;
}
