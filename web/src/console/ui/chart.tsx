// uPlot charts as components: a time series of counts and a bar chart of labelled counts. The
// canvas is drawn by uPlot; the numbers are also in a visually hidden table for screen readers.
import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export interface Series {
  readonly label: string
  readonly color: string
  readonly values: readonly number[]
}

const WIDTH_MIN = 280
/** Counts are whole numbers: no 0.5 ticks. */
const COUNT_AXIS = { size: 40, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000] }

function widthOf(element: HTMLElement): number {
  return Math.max(WIDTH_MIN, Math.floor(element.clientWidth))
}

/** Keeps a uPlot instance the size of its container. */
function usePlot(make: (width: number, target: HTMLElement) => uPlot, deps: readonly unknown[]) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const target = ref.current
    if (!target) return undefined
    const plot = make(widthOf(target), target)
    const observer = new ResizeObserver(() => plot.setSize({ width: widthOf(target), height: 220 }))
    observer.observe(target)
    return () => {
      observer.disconnect()
      plot.destroy()
    }
  }, deps)
  return ref
}

/** Counts per time bucket (`times` in seconds since the epoch), one line per series. */
export function TimeChart(props: {
  title: string
  times: readonly number[]
  series: readonly Series[]
}) {
  const ref = usePlot(
    (width, target) =>
      new uPlot(
        {
          width,
          height: 220,
          series: [
            {},
            ...props.series.map((s) => ({
              label: s.label,
              stroke: s.color,
              fill: `${s.color}22`,
              width: 2,
              points: { size: 4 },
            })),
          ],
          scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
          axes: [{}, COUNT_AXIS],
          legend: { show: true },
        },
        [props.times as number[], ...props.series.map((s) => s.values as number[])],
        target,
      ),
    [props.times, props.series],
  )
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div ref={ref} role="img" aria-label={props.title} />
    </figure>
  )
}

/** One bar per label. */
export function BarChart(props: {
  title: string
  labels: readonly string[]
  values: readonly number[]
  color: string
  empty: string
}) {
  const ref = usePlot(
    (width, target) =>
      new uPlot(
        {
          width,
          height: 220,
          series: [
            {},
            {
              label: props.title,
              stroke: props.color,
              fill: props.color,
              paths: uPlot.paths.bars!({ size: [0.6, 80] }),
              points: { show: false },
            },
          ],
          scales: {
            x: { time: false, range: [-0.5, Math.max(0, props.labels.length - 0.5)] },
            y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
          },
          axes: [
            {
              splits: () => props.labels.map((_, i) => i),
              values: (_u, splits) => splits.map((i) => shorten(props.labels[i] ?? '')),
              size: 50,
            },
            COUNT_AXIS,
          ],
          legend: { show: false },
          cursor: { show: false },
        },
        [props.labels.map((_, i) => i), props.values as number[]],
        target,
      ),
    [props.labels, props.values],
  )
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      {props.labels.length === 0 ? (
        <p class="empty">{props.empty}</p>
      ) : (
        <>
          <div ref={ref} role="img" aria-label={props.title} />
          <table class="sr-only">
            <caption>{props.title}</caption>
            <tbody>
              {props.labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{props.values[i]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  )
}

function shorten(label: string): string {
  return label.length > 14 ? `${label.slice(0, 6)}…${label.slice(-6)}` : label
}
