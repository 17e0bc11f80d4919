// How the page writes whole numbers: "37,500". One formatter, made once: toLocaleString builds a new
// one on every call, which costs milliseconds per chart redraw when called per bucket.
const wholeNumbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const formatCount = (n) => wholeNumbers.format(n);

// How the page writes a duration: 42 s, 3.5 min, 2.1 h.
export function formatDuration(seconds) {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
