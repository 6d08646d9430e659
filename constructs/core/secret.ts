/**
 * What a secret value is shown as wherever a value is shown but the secret must not be: in
 * validation messages, in the offline run's config (which never decrypts) and `plan.json`, and in
 * the diff of two offline runs. One definition, so the diff and the policy pack recognise exactly
 * what the offline run wrote.
 */
export const SECRET_PLACEHOLDER = '[secret]';
