// How the page writes whole numbers: "37,500". One formatter, made once: toLocaleString builds a new
// one on every call, which costs milliseconds per chart redraw when called per bucket.
const wholeNumbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const formatCount = (n) => wholeNumbers.format(n);
