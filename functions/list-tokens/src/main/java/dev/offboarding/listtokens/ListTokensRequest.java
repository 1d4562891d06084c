package dev.offboarding.listtokens;

import dev.offboarding.json.Validatable;
import dev.offboarding.validation.UserNames;
import java.util.List;

/** {@code {"userName": "little_tester"}} */
public record ListTokensRequest(String userName) implements Validatable {
    @Override
    public List<String> problems() {
        return UserNames.problems("userName", userName);
    }
}
