/** The booth's lane, remembered on this screen so a reload or restart opens it again. */
export const LANE_KEY = 'corridor.console.lane';

export function rememberedLane(): string | null {
  try {
    return localStorage.getItem(LANE_KEY);
  } catch {
    return null;
  }
}

export function rememberLane(laneId: string | null): void {
  try {
    if (laneId) localStorage.setItem(LANE_KEY, laneId);
    else localStorage.removeItem(LANE_KEY);
  } catch {
    // Private mode or storage disabled: the URL still names the lane.
  }
}
