// Measures the explorer's redraw rate as a drag sends them: 60 input events on the first latent slider
// over ~1 s (from −3 to 3). → { redraws, seconds, fps }
export async function sliderDragFps(page) {
  const result = await page.evaluate(async () => {
    const slider = document.querySelector('#z-0');
    const morph = document.querySelector('#morph');
    const start = Number(morph.dataset.redraws);
    const t0 = performance.now();
    for (let i = 0; i <= 60; i++) {
      slider.value = String(-3 + (6 * i) / 60);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 16));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { redraws: Number(morph.dataset.redraws) - start, seconds: (performance.now() - t0) / 1000 };
  });
  return { ...result, fps: result.redraws / result.seconds };
}
