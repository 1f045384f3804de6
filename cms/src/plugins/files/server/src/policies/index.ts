// Access is decided by the membership plugin's policies (plugin::membership.canView, ...); who may
// change one folder or file is the services' `abilities` (services/abilities.ts).
export default {};
