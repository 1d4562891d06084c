package dev.offboarding.simulator;

import software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;

/** Console passwords. */
final class LoginProfileOperations {

    private final Account account;

    LoginProfileOperations(Account account) {
        this.account = account;
    }

    GetLoginProfileResponse getLoginProfile(GetLoginProfileRequest request) {
        UserState user = account.requireUser(account.userNameOrCaller(request.userName()));
        return GetLoginProfileResponse.builder().loginProfile(requireProfile(user).toSdk(user.name())).build();
    }

    CreateLoginProfileResponse createLoginProfile(CreateLoginProfileRequest request) {
        String userName = account.userNameOrCaller(request.userName());
        if (request.password() == null || request.password().isEmpty()) {
            // never echo a password, not even an empty one
            throw IamErrors.validation("1 validation error detected: Value at 'password' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
        }
        UserState user = account.requireUser(userName);
        if (user.loginProfile != null) {
            throw IamErrors.alreadyExists("Login Profile for user " + user.name() + " already exists.");
        }
        user.loginProfile = new LoginProfileRecord(account.now(), Boolean.TRUE.equals(request.passwordResetRequired()), null);
        return CreateLoginProfileResponse.builder().loginProfile(user.loginProfile.toSdk(user.name())).build();
    }

    DeleteLoginProfileResponse deleteLoginProfile(DeleteLoginProfileRequest request) {
        UserState user = account.requireUser(account.userNameOrCaller(request.userName()));
        LoginProfileRecord profile = requireProfile(user);
        if (profile.isSettling(account.now(), account.loginProfileSettle)) {
            throw IamErrors.temporarilyUnmodifiable("Login Profile for User " + user.name()
                    + " cannot be modified while login profile is being created.");
        }
        user.loginProfile = null;
        account.removed(user, Blocker.loginProfile());
        return DeleteLoginProfileResponse.builder().build();
    }

    private static LoginProfileRecord requireProfile(UserState user) {
        if (user.loginProfile == null) {
            throw IamErrors.noSuchEntity("Login Profile for User " + user.name() + " cannot be found.");
        }
        return user.loginProfile;
    }
}
