// iOS Safari shows WeUI's :active (pressed) styles only on pages with a touchstart listener; this replaces
// the usual <body ontouchstart> attribute, because pages carry no inline script (Content-Security-Policy).
document.addEventListener("touchstart", () => {}, { passive: true });
