window.gwsiteSearch.add(["f",0,[1,3,1]]);
