# Contract section 7, queue, history and account, against the emulator: taking tracks off the
# download queue, re-download requests in batches, DJ sessions, the user-id lookup, and the
# distribution sync Connect-PromoOnly starts. The emulator's queue (GET /_emulator/queue) and request
# log show what each write did; -WhatIf sends nothing; refusals are quoted; malformed answers are errors.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    $script:Bearer = @{ Authorization = 'Bearer MTo4YjI2ZTFlNGYzZjVlMDBhODg4ODA3ZTYwNTU2NWM0Nw==' }

    $faults = '/download/redownload_request=html,/tracktrends/sessions=truncated,/account/pool_userid=empty'
    $script:Faulty = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--bad-token-as-result', '--endpoint-fault', $faults
    $script:FaultySession = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $Faulty.BaseUri -DoNotSetDefault -SkipValidation
    $script:Declined = Connect-PromoOnly -UserId 1 -Token (ConvertTo-SecureString ('f' * 32) -AsPlainText -Force) -ApiBaseUri $Faulty.BaseUri -DoNotSetDefault -SkipValidation

    # Queues a track as Save-PromoTrack's first step does (GET /download/queue/{id}).
    function Add-Queue([long] $TrackId) {
        $null = Invoke-RestMethod -Uri ([uri]::new($Emulator.BaseUri, "download/queue/$TrackId")) -Headers $Bearer
    }

    # User 1's queued tracks; foreach, since Invoke-RestMethod writes a JSON array as one object.
    function Get-Queued {
        foreach ($entry in (Invoke-RestMethod -Uri ([uri]::new($Emulator.BaseUri, '_emulator/queue')))) {
            if ($entry.userid -eq 1) { $entry.trackid }
        }
    }

    function Reset-AccountState {
        $null = Invoke-RestMethod -Method Delete -Uri ([uri]::new($Emulator.BaseUri, '_emulator/account-state'))
    }

}

AfterAll {
    Stop-PoolEmulator $Faulty
    Stop-TestEmulator $Emulator
}

Describe 'Remove-PromoDownloadQueue' {
    BeforeEach {
        Reset-AccountState
        Clear-EmulatorRequest $Emulator
    }

    It 'takes queued tracks off the queue, and -PassThru names them' {
        Add-Queue 200011
        Add-Queue 200012
        Add-Queue 200015

        $removed = Remove-PromoDownloadQueue 200011, 200015 -PassThru

        $removed | Should -Be @(200011, 200015)
        Get-Queued | Should -Be @(200012)
    }

    It 'binds Track objects by TrackId and sends each id once' {
        Add-Queue 200011
        $tracks = Get-PromoTrack 50000

        $tracks + $tracks | Remove-PromoDownloadQueue

        Get-Queued | Should -BeNullOrEmpty
        @(Get-EmulatorRequest $Emulator | Where-Object path -Like '/download/remove/*') | Should -HaveCount $tracks.Count
    }

    It 'can be run again: a track no longer queued is removed without an error' {
        Add-Queue 200011
        Remove-PromoDownloadQueue 200011

        Remove-PromoDownloadQueue 200011 -ErrorAction Stop
        Get-Queued | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        Add-Queue 200011
        Clear-EmulatorRequest $Emulator

        Remove-PromoDownloadQueue 200011 -WhatIf

        Get-EmulatorRequest $Emulator | Should -BeNullOrEmpty
        Get-Queued | Should -Be @(200011)
    }

    It 'quotes the server for an unknown track and carries on with the others' {
        $removed = Remove-PromoDownloadQueue 123444, 200011 -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue

        $removed | Should -Be @(200011)
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.RemovePromoDownloadQueueCommand'
        $failed[0].TargetObject | Should -Be 123444
        "$($failed[0])" | Should -Match 'Track 123444 not found'
    }

    It 'reports a malformed answer for its track' {
        $null = Remove-PromoDownloadQueue 900001, 900003 -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -HaveCount 2
        $failed.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'InvalidApiResponse,PromoOnly.Commands.RemovePromoDownloadQueueCommand'
        $failed.TargetObject | Should -Be @(900001, 900003)
    }
}

Describe 'Request-PromoRedownload' {
    BeforeEach {
        Reset-AccountState
        Clear-EmulatorRequest $Emulator
    }

    # User 1 has downloaded the catalogue tracks whose id % 5 == 1 (200011, 200016, …); 200012 it has not.
    It 'requeues tracks downloaded before and says how many' {
        $result = Request-PromoRedownload 200011, 200016 -Reason 'Disk failure'

        $result | Should -BeOfType ([PromoOnly.RedownloadRequest])
        $result.TracksRequeued | Should -Be 2
        $result.TrackId | Should -Be @(200011, 200016)
        Get-Queued | Should -Be @(200011, 200016)
        $form = (Get-EmulatorRequest $Emulator | Where-Object path -EQ '/download/redownload_request')[0].form
        $form.trackid_list | Should -Be '200011,200016'
        $form.reason | Should -Be 'Disk failure'
    }

    It 'warns when the POOL requeues fewer tracks than were named' {
        $result = Request-PromoRedownload 200011, 200012 -Reason 'Lost' -WarningVariable warned -WarningAction SilentlyContinue

        $result.TracksRequeued | Should -Be 1
        $warned | Should -HaveCount 1
        "$warned" | Should -Match 'requeued 1 of 2'
    }

    It 'binds piped Track objects by TrackId and sends them in requests of up to 100, each id once' {
        $tracks = @(Get-PromoRelease -Since ([datetime]::UtcNow.Date.AddDays(-30)) | Get-PromoTrack | Where-Object Downloaded)
        $ids = @($tracks.TrackId)
        $ids.Count | Should -BeGreaterThan 100

        $results = $tracks + $tracks[0..4] | Request-PromoRedownload -Reason 'Restore'

        $results | Should -HaveCount ([math]::Ceiling($ids.Count / 100))
        $results[0].TrackId | Should -HaveCount 100
        ($results.TracksRequeued | Measure-Object -Sum).Sum | Should -Be $ids.Count
        $posted = @(Get-EmulatorRequest $Emulator | Where-Object path -EQ '/download/redownload_request')
        $posted | Should -HaveCount $results.Count
        ($posted.form.trackid_list -join ',') -split ',' | Should -Be $ids
    }

    It 'sends nothing with -WhatIf' {
        Request-PromoRedownload 200011 -Reason 'Lost' -WhatIf

        Get-EmulatorRequest $Emulator | Should -BeNullOrEmpty
    }

    It 'can be run again: a requeued track is only requeued again' {
        $first = Request-PromoRedownload 200011 -Reason 'Lost'
        $second = Request-PromoRedownload 200011 -Reason 'Lost'

        $second.TracksRequeued | Should -Be $first.TracksRequeued
        Get-Queued | Should -Be @(200011)
    }

    It 'quotes the server when it refuses, with the request''s ids as target' {
        $result = Request-PromoRedownload 200012, 200015 -Reason 'Lost' -ErrorVariable failed -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.RequestPromoRedownloadCommand'
        $failed[0].TargetObject | Should -Be @(200012, 200015)
        "$($failed[0])" | Should -Match 'None of these tracks has been downloaded'
    }

    It 'reports a malformed answer' {
        $null = Request-PromoRedownload 200011 -Reason 'Lost' -Session $FaultySession -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.RequestPromoRedownloadCommand'
    }

    It 'shows a request in 80 columns' {
        Assert-View (Request-PromoRedownload 200011, 200016 -Reason 'Lost') 'Tracks', 'Requeued', 'Reason', 'TrackId'
    }
}

Describe 'Get-PromoDjSession' {
    BeforeEach { Clear-EmulatorStat $Emulator }

    It 'lists the reported sessions, typed, page after page until an empty page' {
        $sessions = Get-PromoDjSession

        $sessions | Should -HaveCount 45
        $sessions[0] | Should -BeOfType ([PromoOnly.DjSession])
        $sessions[0].Id | Should -Be 770100
        $sessions[0].ReportedAt.Kind | Should -Be 'Utc'
        # 20 a page: 20, 20, 5, then the empty page.
        (Get-EmulatorStat $Emulator).sessionPages | Should -Be 4
    }

    It 'costs one page for Select-Object -First 3' {
        Get-PromoDjSession | Select-Object -First 3 | Should -HaveCount 3

        (Get-EmulatorStat $Emulator).sessionPages | Should -Be 1
    }

    It 'lists the plays of piped sessions, in input order' {
        $plays = Get-PromoDjSession -First 2 | Get-PromoDjSession

        $plays[0] | Should -BeOfType ([PromoOnly.DjSessionTrack])
        $plays.SessionId | Select-Object -Unique | Should -Be @(770100, 770101)
        $plays[0].LinkId | Should -Be 200011
        $plays[1].LinkId | Should -BeNullOrEmpty
        $plays[0].Played.Kind | Should -Be 'Utc'
        (Get-EmulatorStat $Emulator).sessions | Should -Be 2
    }

    It 'lists the plays of the session a piped play belongs to, not of a session numbered like the play' {
        $session = Get-PromoDjSession -Id 770101
        Clear-EmulatorRequest $Emulator

        $plays = $session[2] | Get-PromoDjSession -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -BeNullOrEmpty
        $plays.Id | Should -Be $session.Id
        $plays.SessionId | Select-Object -Unique | Should -Be 770101
        (Get-EmulatorRequest $Emulator).path | Should -Be '/tracktrends/session/770101'
    }

    It 'reads the SessionId of plays saved to CSV and read back, and of plays given to -Id' {
        $session = Get-PromoDjSession -Id 770102

        $fromCsv = $session | ConvertTo-Csv | ConvertFrom-Csv | Select-Object -First 1 | Get-PromoDjSession
        $fromArgument = Get-PromoDjSession -Id $session[0], $session[1]

        $fromCsv.Id | Should -Be $session.Id
        $fromArgument.Id | Should -Be ($session.Id + $session.Id)
    }

    It 'refuses a SessionId that is not one whole number, naming it, and carries on' {
        $rows = [pscustomobject]@{ SessionId = '770100,770101' }, [pscustomobject]@{ SessionId = '770103' }

        $plays = $rows | Get-PromoDjSession -ErrorVariable failed -ErrorAction SilentlyContinue

        $plays.SessionId | Select-Object -Unique | Should -Be 770103
        $failed | Should -HaveCount 1
        "$($failed[0])" | Should -Match "SessionId '770100,770101' is not a DJ session id: pipe DjSession objects"
    }

    It 'lists nothing, rather than every session, when the pipeline brings no session' {
        $plays = Get-PromoDjSession -First 3 | Where-Object Name -EQ 'No such session' | Get-PromoDjSession

        $plays | Should -BeNullOrEmpty
        (Get-EmulatorStat $Emulator).sessionPages | Should -Be 1 -Because 'only the first command reads a page'
        (Get-EmulatorStat $Emulator).sessions | Should -Be 0
    }

    It 'quotes the server for an unknown session and carries on' {
        $plays = Get-PromoDjSession -Id 5, 770100 -ErrorVariable failed -ErrorAction SilentlyContinue

        $plays.SessionId | Select-Object -Unique | Should -Be 770100
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.GetPromoDjSessionCommand'
        $failed[0].TargetObject | Should -Be 5
        "$($failed[0])" | Should -Match 'Session 5 not found'
    }

    It 'reports malformed answers, for a session and for a page' {
        $null = Get-PromoDjSession -Id 900003 -ErrorVariable session -ErrorAction SilentlyContinue
        $null = Get-PromoDjSession -Session $FaultySession -ErrorVariable page -ErrorAction SilentlyContinue
        $null = Get-PromoDjSession -Session $Declined -ErrorVariable declined -ErrorAction SilentlyContinue

        $session[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.GetPromoDjSessionCommand'
        $page[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.GetPromoDjSessionCommand'
        $page[0].TargetObject | Should -Be 'DJ sessions page 1'
        $declined[0].FullyQualifiedErrorId | Should -Be 'ApiRefused,PromoOnly.Commands.GetPromoDjSessionCommand'
    }

    It 'shows sessions and plays in 80 columns' {
        Assert-View (Get-PromoDjSession -First 2) 'Id', 'ReportedAt (UTC)', 'Name'
        Assert-View (Get-PromoDjSession -Id 770100) 'SessionId', 'Id', 'LinkId', 'Played (UTC)', 'Artist', 'Title'
    }
}

Describe 'Get-PromoUserId' {
    It 'finds the user id of an e-mail address, sending no Authorization' {
        Clear-EmulatorRequest $Emulator

        Get-PromoUserId -Email 'Second@PromoOnly.example' | Should -Be 2

        $request = @(Get-EmulatorRequest $Emulator | Where-Object path -EQ '/account/pool_userid')
        $request | Should -HaveCount 1
        $request[0].method | Should -Be 'POST'
        $request[0].headers.PSObject.Properties.Name | Should -Not -Contain 'Authorization'
        $request[0].form.email | Should -Be 'Second@PromoOnly.example'
    }

    It 'needs no session, taking the address from -ApiBaseUri' {
        $job = Start-ThreadJob {
            param($ModulePath, $BaseUri)
            Import-Module $ModulePath
            Get-PromoUserId -Email demo@promoonly.example -ApiBaseUri $BaseUri
        } -ArgumentList $ModulePath, $Emulator.BaseUri.AbsoluteUri
        # The default session is shared by the process; this proves only that no session is asked for.
        Disconnect-PromoOnly
        try {
            Get-PromoUserId -Email demo@promoonly.example -ApiBaseUri $Emulator.BaseUri | Should -Be 1
            Get-PromoUserId -Email demo@promoonly.example | Should -Be 1 -Because 'PROMOONLY_API_BASE_URI points at the emulator'
            $job | Wait-Job | Receive-Job | Should -Be 1
        }
        finally {
            $job | Remove-Job -Force
            Connect-PromoOnly -UserId $DemoUserId -Token (New-DemoToken) -SkipValidation
        }
    }

    It 'quotes the server for an unknown address, and carries on with the next' {
        $ids = 'nobody@example.com', 'demo@promoonly.example' | Get-PromoUserId -ErrorVariable failed -ErrorAction SilentlyContinue

        $ids | Should -Be 1
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'UserIdNotFound,PromoOnly.Commands.GetPromoUserIdCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'nobody@example.com'
        "$($failed[0])" | Should -Match 'POOL Account not found'
    }

    It 'reports a malformed answer' {
        $null = Get-PromoUserId -Email demo@promoonly.example -ApiBaseUri $Faulty.BaseUri -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -Be 'InvalidApiResponse,PromoOnly.Commands.GetPromoUserIdCommand'
    }
}

Describe 'Connect-PromoOnly and the distribution sync' {
    It 'syncs once it has a token, with the session''s Bearer header, and says so in Verbose output' {
        Clear-EmulatorRequest $Emulator

        $verbose = Connect-PromoOnly -UserId 1 -ApiCredential ([pscredential]::new('demo-api-key', (ConvertTo-SecureString 'demo-api-secret' -AsPlainText -Force))) -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        Wait-PoolSync $Emulator

        $paths = @(Get-EmulatorRequest $Emulator | ForEach-Object path)
        $paths | Should -Contain '/user/sync'
        $paths.IndexOf('/user/sync') | Should -BeGreaterThan $paths.IndexOf('/user/authenticate')
        (Get-EmulatorRequest $Emulator | Where-Object path -EQ '/user/sync')[0].headers.Authorization | Should -BeLike 'Bearer *'
        $verbose | Should -Contain "POOL distribution sync: 'Releases synced for userid: 1'."
    }

    It 'sends nothing at all with -SkipValidation' {
        Clear-EmulatorRequest $Emulator

        Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -SkipValidation

        Get-EmulatorRequest $Emulator | Should -BeNullOrEmpty
    }

    It 'turns a failed sync into a Verbose line, never an error' -TestCases @(
        @{ Shape = 'error500'; Says = '*sync (GET /user/sync) failed*HTTP 500*' }
        @{ Shape = 'html'; Says = '*sync (GET /user/sync) failed*' }
        @{ Shape = 'hang'; Says = '*still running after 3 s*' }
    ) {
        $broken = Start-PoolEmulator -EmulatorPath $EmulatorPath -ArgumentList '--endpoint-fault', "/user/sync=$Shape"
        try {
            $Error.Clear()
            $output = Connect-PromoOnly -UserId 1 -Token (New-DemoToken) -ApiBaseUri $broken.BaseUri -DoNotSetDefault -Verbose 4>&1
            $session = $output | Where-Object { $_ -is [PromoOnly.PromoOnlySession] }
            $verbose = $output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message

            $session | Should -Not -BeNullOrEmpty
            $Error | Should -BeNullOrEmpty
            $verbose | Where-Object { $_ -like $Says } | Should -HaveCount 1
            Get-PromoTrack 50000 -Session $session | Should -Not -BeNullOrEmpty
        }
        finally {
            Stop-PoolEmulator $broken
        }
    }
}
