using MLEDojo.Abstractions;
using MLEDojo.Grains.Episodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace MLEDojo.Grid.Tests;

public sealed class EpisodeHistoryTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static HistoryEntry Entry(int step, EpisodeAction action) => new()
    {
        Step = step,
        RequestId = $"r{step}",
        Action = action,
        Result = new StepResult
        {
            Observation = new Observation
            {
                ActionStatus = Observation.Success,
                Feedback = $"feedback {step}",
                Info = new Dictionary<string, string> { ["name"] = "spaceship-titanic" },
            },
            Reward = step / 10.0,
            StepsTaken = step,
            RequestId = $"r{step}",
        },
        StartedAt = DateTimeOffset.UnixEpoch.AddSeconds(step),
        Duration = TimeSpan.FromMilliseconds(step),
    };

    [Fact]
    public void Entries_come_back_as_they_were_added_in_order()
    {
        var history = new EpisodeHistory();
        Assert.Null(history.LastAction);
        history.Add(Entry(1, EpisodeAction.RequestInfo("name")), Serializer);
        history.Add(Entry(2, EpisodeAction.ExecuteCode("print(2)")), Serializer);
        history.Add(Entry(3, EpisodeAction.GetHistory()), Serializer);

        Assert.Equal(3, history.Count);
        Assert.Equal(ActionType.GetHistory, history.LastAction);
        var second = history.Entry(2, Serializer);
        Assert.Equal("print(2)", second.Action.Code);
        Assert.Equal("feedback 2", second.Result.Observation.Feedback);
        Assert.Equal("spaceship-titanic", second.Result.Observation.Info!["name"]);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(2), second.StartedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(2), second.Duration);
        Assert.Equal(["r1", "r2"], history.Entries(2, Serializer).Select(e => e.RequestId));
        Assert.Empty(history.Entries(0, Serializer));
    }

    [Fact]
    public void Each_read_is_a_fresh_copy()
    {
        var history = new EpisodeHistory();
        history.Add(Entry(1, EpisodeAction.RequestInfo("name")), Serializer);
        Assert.NotSame(history.Entry(1, Serializer), history.Entry(1, Serializer));
    }

    [Fact]
    public void A_step_out_of_order_or_past_the_end_is_refused()
    {
        var history = new EpisodeHistory();
        history.Add(Entry(1, EpisodeAction.RequestInfo("name")), Serializer);
        Assert.Throws<ArgumentException>(() => history.Add(Entry(3, EpisodeAction.RequestInfo("name")), Serializer));
        Assert.Throws<ArgumentException>(() => history.Add(Entry(1, EpisodeAction.RequestInfo("name")), Serializer));
        Assert.Throws<ArgumentOutOfRangeException>(() => history.Entries(2, Serializer));
        Assert.Throws<ArgumentOutOfRangeException>(() => history.Entry(2, Serializer));
        Assert.Equal(1, history.Count);
    }
}
