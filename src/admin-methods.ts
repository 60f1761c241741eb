/**
 * The facade's operator methods (docs/embedding.md "Operators"): one for each operation of
 * `services/admin/admin-operations.ts`, run once the instance has started. Spread into the
 * facade, so they are methods like any other.
 */
import type { Call } from './gatehouse.js';

export function adminMethods(call: Call) {
  return {
    createUser: call('createUser'),
    addPasswordCredential: call('addPasswordCredential'),
    updateUser: call('updateUser'),
    listUsers: call('listUsers'),
    getUserDetail: call('getUserDetail'),
    provisionUser: call('provisionUser'),
    editUser: call('editUser'),
    setUserEmail: call('setUserEmail'),
    setUserStatus: call('setUserStatus'),
    deleteUser: call('deleteUser'),
    purgeUser: call('purgeUser'),
    rotatePassword: call('rotatePassword'),
    suspendUser: call('suspendUser'),
    reactivateUser: call('reactivateUser'),
    revokeUser: call('revokeUser'),
    restoreUser: call('restoreUser'),
    purgeDeletedUsers: call('purgeDeletedUsers'),
    importUsers: call('importUsers'),
    housekeeping: call('housekeeping'),
    listAuditEvents: call('listAuditEvents'),
    exportAudit: call('exportAudit'),
    getStats: call('getStats'),
    resetMfa: call('resetMfa'),
    resolveOperator: call('resolveOperator'),
    asActor: call('asActor'),
    impersonate: call('impersonate'),
    listUserSessions: call('listUserSessions'),
    endUserSessions: call('endUserSessions'),
    endUserSession: call('endUserSession'),
    sendVerificationLink: call('sendVerificationLink'),
    sendPasswordResetLink: call('sendPasswordResetLink'),
    listUserApps: call('listUserApps'),
    setUserAppAccess: call('setUserAppAccess'),
    removeUserFromApp: call('removeUserFromApp'),
    listUserTokens: call('listUserTokens'),
    revokeUserToken: call('revokeUserToken'),
    revokeUserTokens: call('revokeUserTokens'),
  };
}
