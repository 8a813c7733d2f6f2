import { describe, expect, it } from "vitest";
import { chartGeometry } from "./chart";

describe("the attendance chart", () => {
  it("puts 100% at the top and 0% at the bottom, one step per session, skipping gaps", () => {
    const g = chartGeometry([{ label: "1", rate: 1 }, { label: "2", rate: null }, { label: "3", rate: 0 }], { width: 100, height: 100, pad: 10 });
    expect(g.dots).toHaveLength(2);
    expect(g.dots[0]).toMatchObject({ x: 10, y: 10 });
    expect(g.dots[1]).toMatchObject({ x: 95, y: 90 });
    expect(g.path).toBe("M10.0,10.0 L95.0,90.0");
  });
});
