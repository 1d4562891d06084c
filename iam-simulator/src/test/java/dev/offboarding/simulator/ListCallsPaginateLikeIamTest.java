package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesResponse;

class ListCallsPaginateLikeIamTest {

    private final MutableClock clock = Fixtures.clock();
    private final IamSimulator sim = Fixtures.simulatorWithUser(clock);

    /** What every IAM list answer has: items, IsTruncated and Marker. */
    private record Answer(List<?> items, Boolean truncated, String marker) {
    }

    @BeforeEach
    void giveTheUserSeveralOfEverything() {
        sim.createAccessKey(r -> r.userName(USER));
        sim.createAccessKey(r -> r.userName(USER));
        sim.uploadSigningCertificate(r -> r.userName(USER).certificateBody(Fixtures.PEM));
        sim.uploadSigningCertificate(r -> r.userName(USER).certificateBody(Fixtures.PEM + "second"));
        for (int i = 0; i < 3; i++) {
            int n = i;
            sim.uploadSSHPublicKey(r -> r.userName(USER).sshPublicKeyBody(Fixtures.SSH_KEY + n));
            sim.createServiceSpecificCredential(r -> r.userName(USER).serviceName("service" + n + ".amazonaws.com"));
            sim.enableMFADevice(r -> r.userName(USER).serialNumber("GAHT1234567" + n)
                    .authenticationCode1("123456").authenticationCode2("654321"));
            sim.putUserPolicy(r -> r.userName(USER).policyName("policy-" + (char) ('c' - n)).policyDocument(Fixtures.POLICY));
            sim.attachUserPolicy(r -> r.userName(USER).policyArn("arn:aws:iam::123456789012:policy/managed-" + n));
            sim.createGroup(r -> r.groupName("group-" + n));
            sim.addUserToGroup(r -> r.userName(USER).groupName("group-" + n));
            sim.tagUser(r -> r.userName(USER).tags(Fixtures.tag("tag-" + n, "v")));
            sim.createVirtualMFADevice(r -> r.virtualMFADeviceName("spare-" + n));
        }
        sim.pageSize(1);
    }

    @Test
    void withPageSizeOneEveryListReturnsEveryItemOnePageAtATime() {
        assertEquals(2, pages(m -> {
            var a = sim.listAccessKeys(r -> r.userName(USER).marker(m));
            return answer(a.accessKeyMetadata(), a.isTruncated(), a.marker());
        }).size());
        assertEquals(2, pages(m -> {
            var a = sim.listSigningCertificates(r -> r.userName(USER).marker(m));
            return answer(a.certificates(), a.isTruncated(), a.marker());
        }).size());
        assertEquals(3, pages(m -> {
            var a = sim.listSSHPublicKeys(r -> r.userName(USER).marker(m));
            return answer(a.sshPublicKeys(), a.isTruncated(), a.marker());
        }).size());
        assertEquals(3, pages(m -> {
            var a = sim.listServiceSpecificCredentials(r -> r.userName(USER).marker(m));
            return answer(a.serviceSpecificCredentials(), a.isTruncated(), a.marker());
        }).size());
        assertEquals(3, pages(m -> {
            var a = sim.listMFADevices(r -> r.userName(USER).marker(m));
            return answer(a.mfaDevices(), a.isTruncated(), a.marker());
        }).size());
        assertEquals(List.of("policy-a", "policy-b", "policy-c"), pages(m -> {
            var a = sim.listUserPolicies(r -> r.userName(USER).marker(m));
            return answer(a.policyNames(), a.isTruncated(), a.marker());
        }));
        assertEquals(3, pages(m -> {
            var a = sim.listAttachedUserPolicies(r -> r.userName(USER).marker(m));
            return answer(a.attachedPolicies(), a.isTruncated(), a.marker());
        }).size());
        assertEquals(3, pages(m -> {
            var a = sim.listGroupsForUser(r -> r.userName(USER).marker(m));
            return answer(a.groups(), a.isTruncated(), a.marker());
        }).size());
        assertEquals(3, pages(m -> {
            var a = sim.listUserTags(r -> r.userName(USER).marker(m));
            return answer(a.tags(), a.isTruncated(), a.marker());
        }).size());
        assertEquals(3, pages(m -> {
            var a = sim.listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.ANY).marker(m));
            return answer(a.virtualMFADevices(), a.isTruncated(), a.marker());
        }).size());
    }

    @Test
    void theSdksOwnPaginatorsWalkAllPages() {
        List<AccessKeyMetadata> keys = new ArrayList<>();
        sim.listAccessKeysPaginator(r -> r.userName(USER)).accessKeyMetadata().forEach(keys::add);
        assertEquals(2, keys.size());

        List<String> names = new ArrayList<>();
        sim.listUserPoliciesPaginator(r -> r.userName(USER)).policyNames().forEach(names::add);
        assertEquals(List.of("policy-a", "policy-b", "policy-c"), names);
        assertEquals(3, sim.calls().count("ListUserPolicies"));
    }

    @Test
    void maxItemsLowersThePageSizeButNeverRaisesIt() {
        sim.pageSize(100);
        ListUserPoliciesResponse two = sim.listUserPolicies(r -> r.userName(USER).maxItems(2));
        assertEquals(List.of("policy-a", "policy-b"), two.policyNames());
        assertTrue(two.isTruncated());

        sim.pageSize(1);
        ListUserPoliciesResponse one = sim.listUserPolicies(r -> r.userName(USER).maxItems(10));
        assertEquals(1, one.policyNames().size());
    }

    @Test
    void theLastPageIsNotTruncatedAndHasNoMarker() {
        sim.pageSize(100);
        ListUserPoliciesResponse all = sim.listUserPolicies(r -> r.userName(USER));
        assertFalse(all.isTruncated());
        assertNull(all.marker());
    }

    @Test
    void aMarkerIamDidNotHandOutIsInvalidInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> sim.listAccessKeys(r -> r.userName(USER).marker("not-a-marker")));
        assertEquals("InvalidInput", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());

        String groupsMarker = sim.listGroupsForUser(r -> r.userName(USER)).marker();
        assertThrows(InvalidInputException.class, () -> sim.listUserTags(r -> r.userName(USER).marker(groupsMarker)));
    }

    @Test
    void removingItemsBetweenPagesSkipsNoneOfTheRest() {
        String marker = null;
        List<String> deleted = new ArrayList<>();
        do {
            String m = marker;
            ListUserPoliciesResponse page = sim.listUserPolicies(r -> r.userName(USER).marker(m));
            page.policyNames().forEach(name -> {
                sim.deleteUserPolicy(r -> r.userName(USER).policyName(name));
                deleted.add(name);
            });
            marker = page.isTruncated() ? page.marker() : null;
        } while (marker != null);

        assertEquals(List.of("policy-a", "policy-b", "policy-c"), deleted);
    }

    private static Answer answer(List<?> items, Boolean truncated, String marker) {
        return new Answer(items, truncated, marker);
    }

    private static List<Object> pages(Function<String, Answer> list) {
        List<Object> all = new ArrayList<>();
        String marker = null;
        while (true) {
            Answer page = list.apply(marker);
            assertTrue(page.items().size() <= 1, "page size 1 is respected");
            all.addAll(page.items());
            if (!page.truncated()) {
                assertNull(page.marker());
                return all;
            }
            assertNotNull(page.marker());
            marker = page.marker();
        }
    }
}
