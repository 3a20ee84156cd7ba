// Goes on to WeChat sign-in, keeping the page's #fragment, which only the browser knows. The start URL and
// the page to return to come from data- attributes: no inline script, so the CSP can forbid it everywhere.
(() => {
  const { start, returnUrl } = document.currentScript.dataset;
  location.replace(`${start}&returnUrl=${encodeURIComponent(returnUrl + location.hash)}`);
})();
