// Access is decided by the membership plugin's policies (plugin::membership.canView, ...).
export default {};
