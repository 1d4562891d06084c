package dev.offboarding.simulator;

import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryResponse;

/** A user's permissions boundary: the managed policy that caps what its identity policies can grant. */
final class PermissionsBoundaryOperations {

    private final Account account;

    PermissionsBoundaryOperations(Account account) {
        this.account = account;
    }

    /**
     * Sets or replaces the boundary. An AWS managed policy is taken as it is named (the simulator cannot know them
     * all; one whose document it does not know allows nothing); a customer managed one must exist in the account.
     */
    PutUserPermissionsBoundaryResponse putUserPermissionsBoundary(PutUserPermissionsBoundaryRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        String boundary = Inputs.managedPolicyArn(InputRule.PERMISSIONS_BOUNDARY, request.permissionsBoundary());
        UserState user = account.requireUser(userName);
        if (!Inputs.isAwsManagedPolicyArn(boundary) && account.managedPolicyDocument(boundary).isEmpty()) {
            throw IamErrors.noSuchEntity("Scope ARN: " + boundary + " does not exist or is not attachable.");
        }
        user.permissionsBoundaryArn = boundary;
        account.permissionsChanged(user);
        return PutUserPermissionsBoundaryResponse.builder().build();
    }

    /** Removing a boundary from a user that has none succeeds and changes nothing. */
    DeleteUserPermissionsBoundaryResponse deleteUserPermissionsBoundary(DeleteUserPermissionsBoundaryRequest request) {
        UserState user = account.requireUser(Inputs.check(InputRule.USER_NAME, request.userName()));
        if (user.permissionsBoundaryArn != null) {
            user.permissionsBoundaryArn = null;
            account.permissionsChanged(user);
        }
        return DeleteUserPermissionsBoundaryResponse.builder().build();
    }
}
