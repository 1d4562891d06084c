package dev.offboarding.model;

import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateway.Removal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How the product handles one kind of blocker, typed by its item ({@code T}): where the inventory holds it, how
 * list-tokens reads it from IAM, how remove-tokens checks, locks out and removes each item. Each {@link BlockerKind}
 * has one, and everything else is derived from them.
 *
 * <p>The IAM calls are made only in the methods a kind overrides ({@link #list}, {@link #detail}, {@link #lockOut},
 * {@link #removal}), never in what the kind is constructed with: the deployment's check that each function is granted
 * exactly the IAM actions its code can call follows the calls from each function's code, and a function that only
 * reads must not be seen to reach a removal.
 */
public abstract class Blocker<T> {
    private final Names names;
    private final List<String> iamActions;
    private final String field;
    private final Function<UserInventory, List<T>> items;
    private final BiConsumer<UserInventory.Found, List<T>> found;
    private final ItemRules<T> rules;

    /**
     * What a kind is called.
     *
     * @param description   one item, e.g. "access key"
     * @param plural        its items, e.g. "access keys"; "console password" (a user has one at most)
     * @param conflictPhrase the words of IAM's DeleteConflict message for this kind, in lower case
     * @param conflictName  what such a DeleteConflict is said to name
     */
    record Names(String description, String plural, String conflictPhrase, String conflictName) {
        static Names of(String description, String plural, String conflictPhrase) {
            return new Names(description, plural, conflictPhrase, plural);
        }
    }

    /**
     * @param iamActions the IAM actions list-tokens and remove-tokens call for this kind, in the order they would
     * @param field the inventory's field, e.g. {@code accessKeys}
     * @param items the inventory's items of this kind
     * @param found where list-tokens puts what it found
     * @param rules what each item must be before it is sent to IAM; null for the login profile, which is the user's
     *              own and has no id of its own
     */
    Blocker(Names names, List<String> iamActions, String field, Function<UserInventory, List<T>> items,
            BiConsumer<UserInventory.Found, List<T>> found, ItemRules<T> rules) {
        this.names = names;
        this.iamActions = List.copyOf(iamActions);
        this.field = field;
        this.items = items;
        this.found = found;
        this.rules = rules;
    }

    /** Reads the details of one listed item (list-tokens' third round); empty when IAM no longer has it. */
    @FunctionalInterface
    interface Detail<T> {
        Optional<T> read(IamGateway iam, String userName, T listed);
    }

    // ---- what each kind says --------------------------------------------------------------------------------------

    /** The item's id in results and messages: the identifier IAM's calls name it by. */
    String id(String userName, T item) {
        return rules.id().apply(item);
    }

    /** The user's items of this kind as IAM lists them (list-tokens' second round). */
    abstract List<T> list(IamGateway iam, String userName);

    /** What list-tokens' third round reads for each listed item; none by default. */
    Optional<Detail<T>> detail() {
        return Optional.empty();
    }

    /** LOCK_OUT: what is done to the item; nothing by default (only credentials are locked out). */
    List<Step> lockOut(IamGateway iam, String userName, T item, Step.Of steps) {
        return List.of();
    }

    /**
     * REMOVE: what is done to the item, its lock-out included.
     *
     * @param alreadyDeactivated an earlier attempt of this execution deactivated it and only its deletion is left (a
     *                           virtual MFA device no longer assigned to the user)
     */
    abstract List<Step> removal(IamGateway iam, String userName, T item, boolean alreadyDeactivated, Step.Of steps);

    /** Whether a lock-out deactivates items of this kind, so that a reinstate can turn them on again. */
    boolean reactivatable() {
        return false;
    }

    /** A reinstate: turns the item on again. Only a credential ({@link Credential}) can be. */
    Removal reactivate(IamGateway iam, String userName, String id) {
        throw new UnsupportedOperationException(names.plural() + " are not deactivated by a lock-out");
    }

    // ---- what follows from it -------------------------------------------------------------------------------------

    final Names names() {
        return names;
    }

    final List<String> iamActions() {
        return iamActions;
    }

    final List<T> itemsOf(UserInventory inventory) {
        return items.apply(inventory);
    }

    final BlockerItems<T> blockerItems(BlockerKind kind, UserInventory inventory) {
        List<T> of = itemsOf(inventory);
        return new BlockerItems<>(kind, of, of.stream().map(item -> idOf(inventory.userName(), item)).toList());
    }

    final Listing<T> listing(IamGateway iam, String userName) {
        return new Listing<>(list(iam, userName), detail(), found);
    }

    final List<Step> lockOutSteps(BlockerKind kind, IamGateway iam, UserInventory inventory) {
        String user = inventory.userName();
        List<Step> steps = new ArrayList<>();
        for (T item : itemsOf(inventory)) {
            steps.addAll(lockOut(iam, user, item, new Step.Of(kind, id(user, item))));
        }
        return steps;
    }

    final List<Step> removalSteps(BlockerKind kind, IamGateway iam, UserInventory inventory,
                                  Set<String> alreadyDeactivated) {
        String user = inventory.userName();
        List<Step> steps = new ArrayList<>();
        for (T item : itemsOf(inventory)) {
            String id = id(user, item);
            steps.addAll(removal(iam, user, item, alreadyDeactivated.contains(id), new Step.Of(kind, id)));
        }
        return steps;
    }

    /** The status the inventory lists for the item of that id ("Active", "Inactive"), if the kind has one. */
    final Optional<String> statusIn(UserInventory inventory, String id) {
        if (rules == null || rules.status() == null || id == null) {
            return Optional.empty();
        }
        return itemsOf(inventory).stream().filter(item -> item != null && id.equals(id(inventory.userName(), item)))
                .map(item -> rules.status().apply(item)).filter(java.util.Objects::nonNull).findFirst();
    }

    final void check(String inventoryPath, UserInventory inventory, List<String> problems) {
        if (rules != null) {
            rules.check(inventoryPath + "." + field, itemsOf(inventory), problems);
        }
    }

    private String idOf(String userName, T item) {
        return item == null ? null : id(userName, item);
    }

    /**
     * A credential that can be turned off and on again (an access key, a signing certificate, an SSH public key, a
     * service-specific credential): the lock-out deactivates it, with the other credentials, before the console
     * password is deleted; a removal deletes it.
     */
    abstract static class Credential<T> extends Blocker<T> {
        Credential(Names names, List<String> iamActions, String field, Function<UserInventory, List<T>> items,
                   BiConsumer<UserInventory.Found, List<T>> found, ItemRules<T> rules) {
            super(names, iamActions, field, items, found, rules);
        }

        /** Sets it inactive for the user. */
        abstract Removal deactivate(IamGateway iam, String userName, String id);

        abstract Removal delete(IamGateway iam, String userName, String id);

        /** Sets it active again for the user (a reinstate). */
        abstract Removal activate(IamGateway iam, String userName, String id);

        @Override
        final boolean reactivatable() {
            return true;
        }

        @Override
        final Removal reactivate(IamGateway iam, String userName, String id) {
            return activate(iam, userName, id);
        }

        @Override
        final List<Step> lockOut(IamGateway iam, String userName, T item, Step.Of steps) {
            return List.of(steps.in(Round.DEACTIVATE, Step.Verb.DEACTIVATE,
                    partly -> deactivate(iam, userName, steps.id())));
        }

        @Override
        List<Step> removal(IamGateway iam, String userName, T item, boolean alreadyDeactivated, Step.Of steps) {
            return List.of(steps.in(Round.REMOVE, Step.Verb.DELETE, partly -> delete(iam, userName, steps.id())));
        }
    }
}
