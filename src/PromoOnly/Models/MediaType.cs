namespace PromoOnly;

/// <summary>What a track is. The API's numbers are 1 = video, 2 = audio; anything else it sends is Unknown.</summary>
public enum MediaType
{
    Unknown = 0,
    Video = 1,
    Audio = 2,
}
