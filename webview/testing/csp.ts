/**
 * Test build only (see `SDI_TEST_HOOKS`): a record of what a page's Content-Security-Policy blocked,
 * on `<html data-csp-violations>`, one `directive blocked-uri` per line. Anything blocked is a bug:
 * the e2e tests check the attribute is absent.
 */
export function recordCspViolations(): void {
  document.addEventListener('securitypolicyviolation', (e) => {
    const seen = document.documentElement.dataset.cspViolations;
    document.documentElement.dataset.cspViolations = `${seen ? `${seen}\n` : ''}${e.effectiveDirective} ${e.blockedURI}`;
  });
}
