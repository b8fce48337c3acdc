package render

// The SVG the charts' partials write as they are (chart-defs.html,
// chart-legend.html), for the compiled figure page.

const chartDefs = `<defs>
<linearGradient id="chart-fade-hi"><stop class="fade-stop" offset="0" stop-color="currentColor" stop-opacity=".55"/><stop class="fade-stop" offset="1" stop-color="currentColor" stop-opacity=".06"/></linearGradient>
<linearGradient id="chart-fade-lo" x1="1" x2="0"><stop class="fade-stop" offset="0" stop-color="currentColor" stop-opacity=".55"/><stop class="fade-stop" offset="1" stop-color="currentColor" stop-opacity=".06"/></linearGradient>
<linearGradient id="chart-fade-hi-c" class="fade-conflict"><stop class="fade-stop" offset="0" stop-color="currentColor" stop-opacity=".8"/><stop class="fade-stop" offset="1" stop-color="currentColor" stop-opacity=".08"/></linearGradient>
<linearGradient id="chart-fade-lo-c" class="fade-conflict" x1="1" x2="0"><stop class="fade-stop" offset="0" stop-color="currentColor" stop-opacity=".8"/><stop class="fade-stop" offset="1" stop-color="currentColor" stop-opacity=".08"/></linearGradient>
<linearGradient id="chart-fade-hi-v" x1="0" x2="0" y1="1" y2="0"><stop class="fade-stop" offset="0" stop-color="currentColor" stop-opacity=".55"/><stop class="fade-stop" offset="1" stop-color="currentColor" stop-opacity=".06"/></linearGradient>
<linearGradient id="chart-fade-lo-v" x1="0" x2="0" y1="0" y2="1"><stop class="fade-stop" offset="0" stop-color="currentColor" stop-opacity=".55"/><stop class="fade-stop" offset="1" stop-color="currentColor" stop-opacity=".06"/></linearGradient>
<linearGradient id="chart-fade-hi-v-c" class="fade-conflict" x1="0" x2="0" y1="1" y2="0"><stop class="fade-stop" offset="0" stop-color="currentColor" stop-opacity=".8"/><stop class="fade-stop" offset="1" stop-color="currentColor" stop-opacity=".08"/></linearGradient>
<linearGradient id="chart-fade-lo-v-c" class="fade-conflict" x1="0" x2="0" y1="0" y2="1"><stop class="fade-stop" offset="0" stop-color="currentColor" stop-opacity=".8"/><stop class="fade-stop" offset="1" stop-color="currentColor" stop-opacity=".08"/></linearGradient>
</defs>`

const legendExact = `<span class="legend-item"><svg class="legend-key" viewBox="0 0 24 20" width="24" height="20" aria-hidden="true" focusable="false"><circle class="chart-mark" cx="12" cy="10" r="6"/></svg> exact value</span>
`
const legendApproxStart = `<span class="legend-item"><svg class="legend-key" viewBox="0 0 32 20" width="32" height="20" aria-hidden="true" focusable="false"><rect class="chart-mark" x="2" y="4" width="28" height="12" rx="6" fill-opacity=".8"/><circle class="chart-center" cx="16" cy="10" r="3" fill="#fff"/></svg> approximate value (the dot), read as give or take `
const legendApproxEnd = `</span>
`
const legendMinMax = `<span class="legend-item"><svg class="legend-key" viewBox="0 0 32 20" width="32" height="20" aria-hidden="true" focusable="false"><rect class="chart-mark" x="2" y="4" width="28" height="12" rx="6" fill-opacity=".8"/></svg> range, from–to</span>
`
const legendOpen = `<span class="legend-item"><svg class="legend-key" viewBox="0 0 40 20" width="40" height="20" aria-hidden="true" focusable="false"><rect class="chart-open" x="2" y="4" width="27" height="12" fill="url(#chart-fade-hi)"/><path class="chart-arrow" d="M38 10L29 4L29 16Z"/></svg> “at least” or “at most”: no end given, so the bar runs on to the edge</span>
`
const legendPeriods = `<span class="legend-item"><svg class="legend-key" viewBox="0 0 32 20" width="32" height="20" aria-hidden="true" focusable="false"><line class="chart-period" x1="2" x2="30" y1="10" y2="10"/><circle class="chart-mark" cx="16" cy="10" r="5"/></svg> the line: the month or year a value holds for</span>
`
const legendConflict = `<span class="legend-item legend-conflict"><svg class="legend-key" viewBox="0 0 24 20" width="24" height="20" aria-hidden="true" focusable="false"><circle class="chart-ring" cx="12" cy="10" r="8.5" fill="none" stroke="currentColor" stroke-width="2"/><circle class="chart-mark" cx="12" cy="10" r="5"/></svg> ringed in red: disagrees with another value of its time</span>
`
