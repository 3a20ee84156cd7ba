// Draws the member code as a QR code (as SVG, sharp on any screen) with the qrcode-generator package.
(() => {
  const box = document.getElementById("member-qr");
  if (!box || typeof qrcode !== "function") return;
  const qr = qrcode(0, "M");
  qr.addData(box.dataset.code);
  qr.make();
  box.innerHTML = qr.createSvgTag({ cellSize: 5, margin: 2, scalable: true });
})();
