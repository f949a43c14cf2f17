/**
 * AWS SDK failures as the fixtures' `str(e)` shows them. botocore words a service error as
 * `An error occurred (<Code>) when calling the <Operation> operation: <Message>`; lambda-s3's NoSuchKey
 * answer (STD-021) must carry the code, so the SDK v3 error is reworded the same way.
 */
export async function botocoreCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new Error(botocoreErrorText(operation, error), { cause: error });
  }
}

function botocoreErrorText(operation: string, error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Service errors carry $metadata; transport failures do not, and botocore words those differently.
  if (!('$metadata' in error)) return error.message;
  return `An error occurred (${error.name}) when calling the ${operation} operation: ${error.message}`;
}
