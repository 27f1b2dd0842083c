package io.cordon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static final String HASH_OF_S3CRET = AccessTokens.sha256Hex("s3cret");

    @Test
    void readsLabelsSecretsHashesAndScopes() {
        AccessTokens tokens = AccessTokens.fromEnv(Map.of(
                "CORDON_INGEST_TOKENS", "gate-7:abc@checkpoint:PD-7, plain , pd:xyz@district:浦东新区",
                "CORDON_ADMIN_TOKENS",
                        "hq:sha256:" + HASH_OF_S3CRET.toUpperCase() + ",sha256:" + AccessTokens.sha256Hex("other")
                                + "@district:黄浦区",
                "CORDON_VIEWER_TOKENS", "wall-1:w1@all,w2"));
        assertThat(tokens.find("abc", Role.FEED))
                .isEqualTo(
                        new AccessToken("gate-7", AccessTokens.sha256Hex("abc"), Role.FEED, Scope.checkpoint("PD-7")));
        assertThat(tokens.find("plain", Role.FEED).label())
                .isEqualTo("token-" + AccessTokens.sha256Hex("plain").substring(0, 6));
        assertThat(tokens.find("plain", Role.FEED).scope()).isEqualTo(Scope.ALL);
        assertThat(tokens.find("xyz", Role.FEED).scope()).isEqualTo(Scope.district("浦东新区"));
        assertThat(tokens.find("s3cret", Role.ADMIN))
                .isEqualTo(new AccessToken("hq", HASH_OF_S3CRET, Role.ADMIN, Scope.ALL));
        assertThat(tokens.find("other", Role.ADMIN).scope()).isEqualTo(Scope.district("黄浦区"));
        assertThat(tokens.find("other", Role.ADMIN).label()).startsWith("token-");
        assertThat(tokens.find("w1", Role.VIEWER).label()).isEqualTo("wall-1");
        assertThat(tokens.find("w2", Role.VIEWER)).isNotNull();
        // a role is not another
        assertThat(tokens.find("abc", Role.ADMIN)).isNull();
        assertThat(tokens.find("w1", Role.FEED)).isNull();
        assertThat(tokens.roles("w1")).containsExactly(Role.VIEWER);
        assertThat(tokens.roles("nobody")).isEmpty();
        assertThat(tokens.adminFromFeed()).isFalse();
        assertThat(tokens.viewerOpen()).isFalse();
        assertThat(tokens.devFeedToken()).isFalse();
        assertThat(tokens.toString())
                .contains("gate-7:FEED", "hq:ADMIN", "wall-1:VIEWER")
                .doesNotContain(HASH_OF_S3CRET, AccessTokens.sha256Hex("abc"), "abc", "s3cret");
    }

    @Test
    void tokensOfEveryRoleMayBeScopedToAStreetACommunityOrAUnit() {
        AccessTokens tokens = AccessTokens.fromEnv(Map.of(
                "CORDON_INGEST_TOKENS", "team:t1@community:浦东新区/陆家嘴街道/梅园一村",
                "CORDON_ADMIN_TOKENS", "office:a1@street:浦东新区/陆家嘴街道,dept:a2@unit:区卫健委",
                "CORDON_VIEWER_TOKENS", "wall:v1@community:浦东新区/陆家嘴街道/梅园一村"));
        assertThat(tokens.find("t1", Role.FEED).scope()).isEqualTo(Scope.community("浦东新区", "陆家嘴街道", "梅园一村"));
        assertThat(tokens.find("a1", Role.ADMIN).scope()).isEqualTo(Scope.street("浦东新区", "陆家嘴街道"));
        assertThat(tokens.find("a2", Role.ADMIN).scope()).isEqualTo(Scope.unit("区卫健委"));
        assertThat(tokens.find("v1", Role.VIEWER).scope()).isEqualTo(Scope.community("浦东新区", "陆家嘴街道", "梅园一村"));
        assertThatThrownBy(() -> AccessTokens.fromEnv(Map.of("CORDON_ADMIN_TOKENS", "a1@street:浦东新区")))
                .hasMessageContaining("CORDON_ADMIN_TOKENS entry 1")
                .hasMessageContaining("street:DISTRICT/STREET")
                .hasMessageNotContaining("a1");
    }

    @Test
    void aSecretInSeveralVariablesHasEachRole() {
        AccessTokens tokens = AccessTokens.fromEnv(Map.of(
                "CORDON_INGEST_TOKENS", "a", "CORDON_ADMIN_TOKENS", "a@district:X", "CORDON_VIEWER_TOKENS", "a"));
        assertThat(tokens.roles("a")).containsExactlyInAnyOrder(Role.FEED, Role.ADMIN, Role.VIEWER);
        assertThat(tokens.find("a", Role.ADMIN).scope()).isEqualTo(Scope.district("X"));
    }

    @Test
    void withoutAdminTokensFeedTokensActAsAdminsOfTheirScope() {
        AccessTokens tokens = AccessTokens.fromEnv(Map.of("CORDON_INGEST_TOKENS", "a,b@district:X,c@checkpoint:C1"));
        assertThat(tokens.adminFromFeed()).isTrue();
        assertThat(tokens.viewerOpen()).isTrue();
        assertThat(tokens.find("a", Role.ADMIN).scope()).isEqualTo(Scope.ALL);
        assertThat(tokens.find("b", Role.ADMIN).scope()).isEqualTo(Scope.district("X"));
        assertThat(tokens.find("c", Role.ADMIN)).isNull();
    }

    @Test
    void withoutFeedTokensOnlyTheDevelopmentTokenFeeds() {
        AccessTokens tokens = AccessTokens.fromEnv(Map.of());
        assertThat(tokens.devFeedToken()).isTrue();
        assertThat(tokens.find(AccessTokens.DEV_TOKEN, Role.FEED)).isNotNull();
        assertThat(tokens.find("anything", Role.FEED)).isNull();
    }

    @Test
    void aMalformedEntryNamesTheVariableAndPositionNeverTheSecret() {
        assertThatThrownBy(() -> AccessTokens.fromEnv(Map.of("CORDON_INGEST_TOKENS", "ok, bad label:topsecret")))
                .hasMessageContaining("CORDON_INGEST_TOKENS entry 2")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> AccessTokens.fromEnv(Map.of("CORDON_ADMIN_TOKENS", "topsecret@checkpoint:C1")))
                .hasMessageContaining("CORDON_ADMIN_TOKENS entry 1")
                .hasMessageContaining("checkpoint")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> AccessTokens.fromEnv(Map.of("CORDON_VIEWER_TOKENS", "a,topsecret@province:Y")))
                .hasMessageContaining("CORDON_VIEWER_TOKENS entry 2")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> AccessTokens.fromEnv(Map.of("CORDON_VIEWER_TOKENS", "top@secret@all")))
                .hasMessageContaining("entry 1")
                .hasMessageNotContaining("secret@");
        assertThatThrownBy(() -> AccessTokens.fromEnv(Map.of("CORDON_VIEWER_TOKENS", "label:")))
                .hasMessageContaining("entry 1");
        assertThatThrownBy(() -> AccessTokens.fromEnv(Map.of("CORDON_VIEWER_TOKENS", "topsecret@")))
                .hasMessageContaining("entry 1")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> AccessTokens.fromEnv(Map.of("CORDON_VIEWER_TOKENS", "x:dup,y:dup")))
                .hasMessageContaining("entry 2")
                .hasMessageNotContaining("dup");
        assertThatThrownBy(() -> AccessTokens.fromEnv(Map.of("CORDON_INGEST_TOKENS", " , ")))
                .hasMessageContaining("CORDON_INGEST_TOKENS holds no token");
    }

    @Test
    void hexDigitsOfEitherCaseNameTheSameHash() {
        AccessTokens upper =
                AccessTokens.fromEnv(Map.of("CORDON_VIEWER_TOKENS", "sha256:" + HASH_OF_S3CRET.toUpperCase()));
        AccessTokens lower = AccessTokens.fromEnv(Map.of("CORDON_VIEWER_TOKENS", "sha256:" + HASH_OF_S3CRET));
        assertThat(upper.find("s3cret", Role.VIEWER)).isEqualTo(lower.find("s3cret", Role.VIEWER));
        assertThat(upper.find("sha256:" + HASH_OF_S3CRET, Role.VIEWER)).isNull();
    }

    @Test
    void aDeploymentRefusesASecretShorterThan16CharactersNamingTheEntryNeverTheSecret() {
        assertThatThrownBy(() -> AccessTokens.requireLongSecrets(
                        Map.of("CORDON_ADMIN_TOKENS", "hq:a-long-enough-secret,pd:short1@district:浦东新区")))
                .hasMessageContaining("CORDON_ADMIN_TOKENS, entry 2")
                .hasMessageNotContaining("short1");
        assertThatThrownBy(() -> AccessTokens.requireLongSecrets(Map.of("CORDON_VIEWER_TOKENS", "x")))
                .hasMessageContaining("CORDON_VIEWER_TOKENS, entry 1");
        // long clear secrets, hashed ones (which cannot be measured) and no variables at all pass
        AccessTokens.requireLongSecrets(Map.of(
                "CORDON_INGEST_TOKENS",
                "gate:0123456789abcdef@checkpoint:PD-7,sha256:" + AccessTokens.sha256Hex("any"),
                "CORDON_ADMIN_TOKENS",
                "hq:sha256:" + AccessTokens.sha256Hex("x")));
        AccessTokens.requireLongSecrets(Map.of());
    }
}
