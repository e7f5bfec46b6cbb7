export { canonicalGroupName } from './group-name';
export { type MemberValues, isUserId, readMemberValues } from './group-member-values';
export {
  type GroupWriteMapping,
  groupResourceToReplacement,
  groupResourceToWrite,
} from './group-write.mapper';
export { groupRecordToResource } from './group-resource.mapper';
export { type GroupPatchMapping, groupPatchToChange } from './group-patch';
export { projectionIncludesMembers } from './group-projection';
