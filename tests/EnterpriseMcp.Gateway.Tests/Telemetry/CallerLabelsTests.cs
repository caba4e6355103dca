using EnterpriseMcp.Gateway.Telemetry;

namespace EnterpriseMcp.Gateway.Tests.Telemetry;

public sealed class CallerLabelsTests
{
    [Fact]
    public void The_first_callers_keep_their_names_and_later_ones_are_folded()
    {
        var labels = new CallerLabels(capacity: 2);

        Assert.Equal(["alice", "bob", "_other", "alice", "_other"],
            new[] { "alice", "bob", "carol", "alice", "dave" }.Select(labels.Of));
    }

    [Fact]
    public void No_caller_is_anonymous_and_a_very_long_name_is_folded_without_taking_a_place()
    {
        var labels = new CallerLabels(capacity: 1);

        Assert.Equal(CallerLabels.Anonymous, labels.Of(null));
        Assert.Equal(CallerLabels.Anonymous, labels.Of(""));
        Assert.Equal(CallerLabels.Other, labels.Of(new string('x', 129)));
        Assert.Equal("alice", labels.Of("alice"));
    }

    [Fact]
    public void A_cap_of_zero_folds_everyone()
    {
        Assert.Equal(CallerLabels.Other, new CallerLabels(capacity: 0).Of("alice"));
    }
}
