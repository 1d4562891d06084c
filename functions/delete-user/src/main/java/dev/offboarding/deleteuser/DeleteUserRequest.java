package dev.offboarding.deleteuser;

import dev.offboarding.json.Validatable;
import dev.offboarding.validation.UserNames;
import java.util.List;

/** {@code {"userName": "little_tester"}} */
public record DeleteUserRequest(String userName) implements Validatable {
    @Override
    public List<String> problems() {
        return UserNames.problems("userName", userName);
    }
}
