// Access is decided by the membership plugin's policies (plugin::membership.canManage, canView).
export default {};
