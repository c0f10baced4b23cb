// The 打印 button of the QR slips page (no inline script under the Content-Security-Policy).
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (button) {
    window.print();
  }
});
