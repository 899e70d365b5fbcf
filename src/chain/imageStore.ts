// Which image store a dockerd uses, from its `docker info` answer: its own graph driver, or containerd's snapshotter.

export interface ImageStore {
  kind: 'graphdriver' | 'containerd';
  /** the graph driver (overlay2) or the containerd snapshotter (overlayfs) */
  driver: string;
  version: string;
}

/** containerd's snapshotter plugin type, which a dockerd on the containerd image store reports as its driver-type. */
export const SNAPSHOTTER_PLUGIN = 'io.containerd.snapshotter.v1';

/**
 * Parses `docker info --format '{{.ServerVersion}}|{{.Driver}}|{{json .DriverStatus}}'`. moby's containerd image
 * service reports DriverStatus [["driver-type", "io.containerd.snapshotter.v1"]] (daemon/containerd/service.go);
 * a graph driver reports its own status pairs (overlay2: "Backing Filesystem", "Supports d_type", ...).
 */
export function imageStoreOf(infoLine: string): ImageStore {
  const [version, driver, status] = infoLine.trim().split('|');
  let pairs: unknown;
  try {
    pairs = JSON.parse(status ?? 'null');
  } catch {
    throw new Error(`docker info: DriverStatus is not JSON: ${status}`);
  }
  const list = Array.isArray(pairs) ? pairs : [];
  const containerd = list.some((p) => Array.isArray(p) && p[0] === 'driver-type' && p[1] === SNAPSHOTTER_PLUGIN);
  return { kind: containerd ? 'containerd' : 'graphdriver', driver: driver || '?', version: version || '?' };
}
