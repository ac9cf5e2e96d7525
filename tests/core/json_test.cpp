#include "core/error.hpp"
#include "core/json.hpp"

#include <gtest/gtest.h>

TEST(Json, SyntaxErrorsNameTheFileLineAndColumn) {
    try {
        core::JsonReader r("muscles.json", "{\n  \"a\": 1,\n  \"b\": ]\n}");
        FAIL() << "expected a syntax error";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("muscles.json:3:"), std::string::npos) << e.what();
    }
}

TEST(Json, CollectsEveryProblemWithItsPlace) {
    core::JsonReader r("x.json", R"({"items": [{"id": "a", "f": 5}, {"id": 3, "f": -1}, {"f": 2}]})");
    for (auto item : r.root()["items"].items()) {
        item["id"].string();
        item["f"].number(0.0, 10.0);
    }
    ASSERT_EQ(r.problems().size(), 3u);
    EXPECT_NE(r.problems()[0].find("/items/1/id"), std::string::npos);
    EXPECT_NE(r.problems()[1].find("/items/1/f"), std::string::npos);
    EXPECT_NE(r.problems()[2].find("/items/2"), std::string::npos);
    EXPECT_NE(r.problems()[2].find("\"id\""), std::string::npos);
    EXPECT_THROW(r.finish(), core::Error);
}

TEST(Json, ReadsValidValues) {
    core::JsonReader r("x.json", R"({"p": [1, 2.5, -3], "kind": "left", "n": 4, "on": true})");
    auto root = r.root();
    EXPECT_EQ(root["p"].vec3(10.0f), glm::vec3(1.0f, 2.5f, -3.0f));
    EXPECT_EQ(root["kind"].string_one_of({"left", "right"}, ""), "left");
    EXPECT_EQ(root["n"].integer(0, 10), 4);
    EXPECT_TRUE(root["on"].boolean());
    EXPECT_FALSE(root.has("missing"));
    EXPECT_NO_THROW(r.finish());
}

TEST(Json, RejectsHugeAndNonFiniteNumbers) {
    core::JsonReader r("x.json", R"({"a": 1e300, "v": [1, 2, 1e30]})");
    r.root()["a"].number(-1e6, 1e6);
    r.root()["v"].vec3(100.0f);
    EXPECT_EQ(r.problems().size(), 2u);
}
