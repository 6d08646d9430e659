/**
 * Synthesizes every chart of a cdk8s app with one resolve pass over the app.
 *
 * cdk8s's `Chart.toJson()` (and so `App.synth()`, which calls it per chart) first resolves the
 * dependencies of, and validates, the whole app: an app of n charts is walked n (or n + 1) times.
 * {@link synthCharts} walks it once, then renders each chart's objects exactly as `Chart.toJson()`
 * does: the same YAML, byte for byte.
 */
import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct, Node } from 'constructs';

/** `node.findAll()`, computed once per node for the whole synthesis (the tree no longer changes). */
class SubtreeCache {
  private readonly found = new Map<Node, IConstruct[]>();

  public of(node: Node): IConstruct[] {
    let all = this.found.get(node);
    if (all === undefined) {
      all = node.findAll();
      this.found.set(node, all);
    }
    return all;
  }
}

function constructDependencies(app: App, cache: SubtreeCache): Array<{ source: IConstruct; target: IConstruct }> {
  return cache.of(app.node).flatMap((source) => source.node.dependencies.map((target) => ({ source, target })));
}

/**
 * Turns construct dependencies into what synthesis orders by, as cdk8s does before each chart:
 * a nested chart and a dependency across charts make the charts depend on each other, and a
 * dependency between constructs (those between charts included, listed again after the first two
 * steps) makes their API objects depend on each other. A second pass would add nothing.
 */
function resolveDependencies(app: App, cache: SubtreeCache): void {
  for (const parent of cache.of(app.node).filter(Chart.isChart)) {
    for (const child of parent.node.children.filter(Chart.isChart)) {
      parent.node.addDependency(child);
    }
  }
  for (const { source, target } of constructDependencies(app, cache)) {
    const [sourceChart, targetChart] = [Chart.of(source), Chart.of(target)];
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
    }
  }
  const objectsOf = (scope: IConstruct, chart: Chart) =>
    cache.of(scope.node).filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
  for (const { source, target } of constructDependencies(app, cache)) {
    const targets = objectsOf(target, Chart.of(target));
    for (const from of objectsOf(source, Chart.of(source))) {
      for (const to of targets) {
        if (to !== from) {
          from.node.addDependency(to);
        }
      }
    }
  }
}

/** Runs every construct's validations; one error lists them all, as cdk8s words it. */
function validate(app: App, cache: SubtreeCache): void {
  const errors = cache.of(app.node).flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
}

/**
 * The JSON objects of each of `charts` (all in `app`), in the order `Chart.toJson()` gives them,
 * after a single dependency-resolution and validation pass over the app.
 * @throws Error when a construct's validation fails, with cdk8s's message
 */
export function synthCharts(app: App, charts: readonly Chart[]): unknown[][] {
  const cache = new SubtreeCache();
  resolveDependencies(app, cache);
  validate(app, cache);
  return charts.map((chart) =>
    new DependencyGraph(chart.node)
      .topology()
      .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart)
      .map((o) => o.toJson() as unknown),
  );
}
