namespace Gateway.Core.Conversations;

/// <summary>Takes the responses a Responses client received through a Chat upstream, to keep them for later turns.</summary>
public interface IResponseRecorder
{
    /// <summary>Never blocks or fails the answer: the write happens off the response path.</summary>
    void Record(ConversationTurn turn);
}
