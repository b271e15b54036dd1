using MLEDojo.Execution.Native;

namespace MLEDojo.Execution.Sandbox;

/// <summary>The name the sandbox's uid is started by (.NET sets a child's uid, gid and groups from a user name).</summary>
internal static class SandboxUser
{
    /// <summary>The user name of <paramref name="uid"/>, or null with why it cannot be the sandbox user.</summary>
    public static string? Resolve(int uid, int gid, out string? problem)
    {
        problem = null;
        if (LibC.User(uid) is not { } user)
        {
            problem = $"the sandbox uid {uid} has no entry in the user database (/etc/passwd); the sandbox starts bubblewrap as that user by name.";
            return null;
        }
        if (user.PrimaryGid != gid)
        {
            problem = $"the sandbox gid {gid} is not the primary group of uid {uid} ('{user.Name}', group {user.PrimaryGid} in the user database).";
            return null;
        }
        return user.Name;
    }
}
