/**
 * S3's bucket naming rules (3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter
 * or digit, no ".."). Checked before a name becomes a file name, so a request path can never reach outside
 * the data directory.
 */
export function isValidBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes('..');
}
