import { cloneElement, type ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/**
 * A chart at a fixed height that follows its container's width. `width` fixes it instead: tests
 * need that, since jsdom has no layout and ResponsiveContainer would render no SVG there.
 */
export function ChartBox({ height, width, children }: { height: number; width?: number; children: ReactElement<{ width?: number; height?: number }> }) {
  return (
    <div className="chart-box" style={{ height }}>
      {width ? (
        cloneElement(children, { width, height })
      ) : (
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 480, height }}>
          {children}
        </ResponsiveContainer>
      )}
    </div>
  );
}

/** What a custom tooltip reads of recharts' props: whether it is shown, and the hovered row. */
export interface TooltipState {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}

/** Legend labels in the text colour (recharts colours them like their series, too faint for light fills). */
export const legendText = (value: string) => <span className="chart-legend-text">{value}</span>;
