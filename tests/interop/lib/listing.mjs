// The page parameters of the two Query actions, and what tests read out of their lists, written once.

/** QueryEdgeDriver: the first page of custom (Type 1) drivers, 30 to a page; `more` adds or overrides. */
export const driverPage = (more = {}) => ({ CurrentPage: 1, PageSize: 30, Type: 1, ...more });

/** QueryEdgeDriverVersion: the first page of a driver's versions, 10 to a page; `more` adds or overrides. */
export const versionPage = (DriverId, more = {}) => ({ DriverId, CurrentPage: 1, PageSize: 10, ...more });

/** The DriverIds of a QueryEdgeDriver page's Data or a BatchGetEdgeDriver body, in order (none: []). */
export const driverIdsOf = (data) => (data.DriverList ?? []).map((d) => d.DriverId);

/** The DriverVersions of a QueryEdgeDriverVersion page's Data, in order (none: []). */
export const versionsOf = (data) => (data.DriverVersionList ?? []).map((v) => v.DriverVersion);
