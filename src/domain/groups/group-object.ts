// Turns a stored group row into the Sinch Group object.
import type { GroupRow } from "../../db/schema";
import type { AutoUpdate, Group } from "../schemas/groups";
import { toIso } from "../time";

export function toGroup(row: GroupRow & { size: number }): Group {
  const group: Group = {
    id: row.id,
    size: row.size,
    created_at: toIso(row.createdAt),
    modified_at: toIso(row.modifiedAt),
    child_groups: JSON.parse(row.childGroups) as string[],
  };
  if (row.name !== null) group.name = row.name;
  if (row.autoUpdate !== null) group.auto_update = JSON.parse(row.autoUpdate) as AutoUpdate;
  return group;
}
